namespace Conductor.Generated.Tests.Binding.Elsewhere;

/// <summary>Workers in another namespace and file, with a method name that other workers use too.</summary>
public static class OtherNamespaceWorkers
{
    [WorkerTask("binding_sig_other_namespace")]
    public static string Describe(string value) => "elsewhere " + value;
}
