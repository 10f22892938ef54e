public static class Broken
{
    public const string Box = 42;
}
