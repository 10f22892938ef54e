namespace VagrantNet.Cli.Completion;

/// <summary>
/// The completion script of each shell. Each asks vnet itself through System.CommandLine's <c>[suggest:N]</c>
/// directive, with the words after the program name and the cursor's offset in them, so the completions
/// (commands, options, machines, boxes) always match the vnet that runs.
/// </summary>
internal static class ShellScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    };

    private const string Bash = """
        # bash completion for vnet. Load it with: source <(vnet completion bash)
        _vnet_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#"${COMP_WORDS[0]}"}"
            local IFS=$'\n'
            COMPREPLY=($(command vnet "[suggest:${#line}]" "$line" 2>/dev/null))
        }
        complete -o default -F _vnet_complete vnet

        """;

    private const string Zsh = """
        #compdef vnet
        # zsh completion for vnet. Load it with: source <(vnet completion zsh)
        _vnet() {
            local line="${(j: :)words[2,CURRENT]}"
            local -a items
            items=(${(f)"$(command vnet "[suggest:${#line}]" "$line" 2>/dev/null)"})
            if (( ${#items} )); then
                compadd -a items
            else
                _files
            fi
        }
        if (( $+functions[compdef] )); then
            compdef _vnet vnet
        fi

        """;

    private const string Fish = """
        # fish completion for vnet. Load it with: vnet completion fish | source
        function __vnet_complete
            set -l line (string replace -r '^\s*\S+' '' -- (commandline -cp))
            command vnet "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c vnet -f -a '(__vnet_complete)'

        """;
}
