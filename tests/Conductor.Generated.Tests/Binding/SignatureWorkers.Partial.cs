namespace Conductor.Generated.Tests.Binding;

/// <summary>The second part of a partial class of workers, in its own file.</summary>
public static partial class SignatureWorkers
{
    [WorkerTask("binding_sig_partial")]
    public static string FromTheOtherFile(string value) => "partial " + value;
}
