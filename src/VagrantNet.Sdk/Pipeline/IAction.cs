namespace VagrantNet.Sdk.Pipeline;

/// <summary>The rest of the pipeline after a step.</summary>
public delegate Task ActionDelegate(ActionContext context);

/// <summary>One step. Work before <c>await next(context)</c> runs on the way in, work after it on the way back.</summary>
public interface IAction
{
    Task InvokeAsync(ActionContext context, ActionDelegate next);
}

/// <summary>A step that can undo its work when a later step (or itself) fails or the user interrupts.</summary>
public interface IRecoverable
{
    /// <summary>Called newest-first on a token that Ctrl+C did not cancel (<see cref="ActionContext.RecoveryToken"/>).</summary>
    Task RecoverAsync(ActionContext context, Exception error);
}

/// <summary>A condition for <see cref="ActionBuilder.Call{TCondition}"/>: picks which branch runs.</summary>
public interface ICondition
{
    Task<bool> EvaluateAsync(ActionContext context);
}
