using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace WorkerService.Tests;

/// <summary>
/// The Kubernetes files of docs/scaling.md (samples/WorkerService/deploy) say what they promise:
/// the metrics their queries name are those the sample exports (read from its Prometheus
/// endpoint, after the exporter's name translation), the task types they name are those it
/// serves, and the stop timeouts nest (the workers' grace period and last reports inside the
/// host's shutdown timeout, inside the pod's terminationGracePeriodSeconds), with the sample
/// itself reading them as the Deployment sets them.
/// </summary>
public sealed partial class DeploymentFilesTests(ITestOutputHelper output)
{
    /// <summary>After the grace period, how long the runtime still waits for the cancelled tasks' reports (docs/runtime.md, Stopping).</summary>
    private static readonly TimeSpan FinalReportWindow = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void The_stop_timeouts_nest_inside_the_pods_termination_grace_period()
    {
        var deployment = Deployment();
        var environment = ContainerEnvironment(deployment);
        var terminationGrace = TimeSpan.FromSeconds(int.Parse(Scalar(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var gracePeriod = TimeSpan.Parse(environment["Conductor__ShutdownGracePeriod"], CultureInfo.InvariantCulture);
        var hostTimeout = TimeSpan.FromSeconds(int.Parse(environment["DOTNET_shutdownTimeoutSeconds"], CultureInfo.InvariantCulture));

        Assert.True(gracePeriod + FinalReportWindow <= hostTimeout, $"the grace period {gracePeriod} and the {FinalReportWindow} of last reports do not fit the host's shutdown timeout {hostTimeout}");
        Assert.True(hostTimeout < terminationGrace, $"the host's shutdown timeout {hostTimeout} is not shorter than terminationGracePeriodSeconds {terminationGrace}");

        // The autoscalers scale this Deployment.
        var name = Scalar(deployment, "metadata", "name");
        Assert.Equal(name, Scalar(Load("keda-scaledobject.yaml"), "spec", "scaleTargetRef", "name"));
        Assert.Equal(name, Scalar(Load("hpa.yaml"), "spec", "scaleTargetRef", "name"));

        // Prometheus scrapes the port the exporter listens on.
        var container = (YamlMappingNode)Sequence(deployment, "spec", "template", "spec", "containers")[0];
        var metricsPort = Sequence(container, "ports").Cast<YamlMappingNode>().Single(port => Scalar(port, "name") == "metrics");
        Assert.Equal(Scalar(metricsPort, "containerPort"), Scalar(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
        Assert.Equal(Scalar(metricsPort, "containerPort"), environment["Metrics__PrometheusPort"]);
    }

    [Fact]
    public async Task The_queries_name_metrics_and_task_types_the_sample_exports_and_it_stops_as_the_deployment_says()
    {
        var deployment = Deployment();
        var environment = ContainerEnvironment(deployment);
        var port = FreePort();
        var sampleEnvironment = new Dictionary<string, string>
        {
            // As the Deployment sets them; the scrape endpoint on a free local port instead of 9464.
            ["Conductor__ShutdownGracePeriod"] = environment["Conductor__ShutdownGracePeriod"],
            ["DOTNET_shutdownTimeoutSeconds"] = environment["DOTNET_shutdownTimeoutSeconds"],
            // On every interface, as in the pod (a scraper reaches it by the pod's IP, not its name).
            ["Metrics__PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture),
        };
        using var sample = SampleProcess.Start([], output, sampleEnvironment);

        // The sample reads the timeouts as the Deployment sets them.
        var shutdown = await sample.WaitForLineAsync(line => line.StartsWith("Shutdown: ", StringComparison.Ordinal), StartTimeout);
        var gracePeriod = TimeSpan.Parse(environment["Conductor__ShutdownGracePeriod"], CultureInfo.InvariantCulture);
        Assert.Equal(
            $"Shutdown: the workers' grace period is {gracePeriod.TotalSeconds:0} s, the host's shutdown timeout {environment["DOTNET_shutdownTimeoutSeconds"]} s.",
            shutdown);

        // Once its orders ran, every series the queries need is on the scrape endpoint.
        await sample.WaitForLineAsync(line => line.StartsWith("Fulfilled ", StringComparison.Ordinal), StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var scrape = await ScrapeUntilAsync(http, series => series.Any(one => one.Name == "task_queue_depth") && series.Any(one => one.Name == "task_queue_wait_time_seconds_bucket"));

        var servedTaskTypes = scrape.Where(series => series.Name == "active_workers").Select(series => series.Labels["taskType"]).ToHashSet();
        Assert.Equal(["audit_order", "reserve_stock", "ship_order"], servedTaskTypes.Order(StringComparer.Ordinal));

        var queries = new List<string>();
        var scaledObject = Load("keda-scaledobject.yaml");
        foreach (var trigger in Sequence(scaledObject, "spec", "triggers").Cast<YamlMappingNode>())
        {
            Assert.Equal("prometheus", Scalar(trigger, "type"));
            queries.Add(Scalar(trigger, "metadata", "query"));
        }

        var adapterRule = (YamlMappingNode)Sequence(Load("prometheus-adapter-rules.yaml"), "rules", "external")[0];
        queries.Add(Scalar(adapterRule, "seriesQuery"));
        queries.Add(Scalar(adapterRule, "metricsQuery"));

        foreach (var query in queries)
        {
            var selectors = SeriesSelector().Matches(query).ToList();
            Assert.NotEmpty(selectors);
            foreach (Match selector in selectors)
            {
                var name = selector.Groups["name"].Value;
                if (name == "Series")
                {
                    continue; // the adapter's <<.Series>>: the seriesQuery's metric
                }

                var exported = scrape.Where(series => series.Name == name).ToList();
                Assert.True(exported.Count > 0, $"'{query}' reads {name}, which the sample does not export; it exports {string.Join(", ", scrape.Select(series => series.Name).Distinct())}");
                Assert.All(exported, series => Assert.True(series.Labels.ContainsKey("taskType"), $"{name} has no taskType label"));
                if (TaskTypeMatcher().Match(selector.Groups["labels"].Value) is { Success: true } matcher)
                {
                    Assert.Equal(servedTaskTypes.Order(StringComparer.Ordinal), matcher.Groups["types"].Value.Split('|').Order(StringComparer.Ordinal));
                }
            }

            foreach (Match grouping in GroupingLabels().Matches(query))
            {
                var label = grouping.Groups["label"].Value;
                Assert.True(label == "le" || scrape.Any(series => series.Labels.ContainsKey(label)), $"'{query}' groups by {label}, a label no exported series has");
            }
        }

        // The adapter names the depth as the HPA asks for it, for the task types the sample serves.
        var hpa = Load("hpa.yaml");
        var external = Sequence(hpa, "spec", "metrics").Cast<YamlMappingNode>().Single(metric => Scalar(metric, "type") == "External");
        Assert.Matches(Scalar(adapterRule, "name", "matches"), "task_queue_depth");
        Assert.Equal(Scalar(adapterRule, "name", "as"), Scalar(external, "external", "metric", "name"));
        var expression = (YamlMappingNode)Sequence(external, "external", "metric", "selector", "matchExpressions")[0];
        Assert.Equal("taskType", Scalar(expression, "key"));
        Assert.Equal(servedTaskTypes.Order(StringComparer.Ordinal), Sequence(expression, "values").Select(value => ((YamlScalarNode)value).Value!).Order(StringComparer.Ordinal));

        sample.SendSigterm();
        Assert.Equal(0, await sample.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    private async Task<List<Series>> ScrapeUntilAsync(HttpClient http, Func<List<Series>, bool> complete)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var text = await http.GetStringAsync("metrics");
            var series = Parse(text);
            if (complete(series))
            {
                output.WriteLine(text);
                return series;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The scrape endpoint never had every series the queries need; last answer:\n{text}");
            await Task.Delay(500);
        }
    }

    /// <summary>The series of a Prometheus text exposition: name and labels of each sample line.</summary>
    private static List<Series> Parse(string exposition)
    {
        var all = new List<Series>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(pair => pair.Groups["key"].Value, pair => pair.Groups["value"].Value);
            all.Add(new Series(match.Groups["name"].Value, labels));
        }

        return all;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static YamlMappingNode Deployment() => Load("deployment.yaml");

    private static Dictionary<string, string> ContainerEnvironment(YamlMappingNode deployment)
    {
        var container = (YamlMappingNode)Sequence(deployment, "spec", "template", "spec", "containers")[0];
        return Sequence(container, "env").Cast<YamlMappingNode>()
            .Where(variable => variable.Children.ContainsKey("value"))
            .ToDictionary(variable => Scalar(variable, "name"), variable => Scalar(variable, "value"));
    }

    private static YamlMappingNode Load(string fileName)
    {
        var path = Path.Combine(SampleProcess.SampleDirectory, "deploy", fileName);
        Assert.True(File.Exists(path), $"missing {path}");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"no '{key}' at {mapping.Start}");
            node = child;
        }

        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(Node(node, path)).Value!;

    private static YamlSequenceNode Sequence(YamlNode node, params string[] path) => Assert.IsType<YamlSequenceNode>(Node(node, path));

    private sealed record Series(string Name, Dictionary<string, string> Labels);

    /// <summary>A metric selector in PromQL: a name followed by its label matchers.</summary>
    [GeneratedRegex(@"(?<name>[A-Za-z_:][A-Za-z0-9_:]*)>*\{(?<labels>[^}]*)\}")]
    private static partial Regex SeriesSelector();

    [GeneratedRegex(@"taskType=~""(?<types>[^""]*)""")]
    private static partial Regex TaskTypeMatcher();

    [GeneratedRegex(@"\bby \((?<label>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex GroupingLabels();

    [GeneratedRegex(@"^(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(\{(?<labels>.*)\})? ")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
