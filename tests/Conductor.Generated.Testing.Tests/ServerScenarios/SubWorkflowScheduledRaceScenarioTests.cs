using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of the real server's e2e <c>control/SubWorkflowScheduledRaceTests</c>: many parents
/// started at once, each with a child that completes on its first decision (one INLINE task).
/// Every parent completes, its SUB_WORKFLOW task names the child whose id is derived from the
/// task (IDGenerator#generateSubWorkflowId, core/.../utils/), the child names the parent, and no
/// second child was started from the child's own context (SubWorkflow#start derives the id from
/// task.workflowInstanceId, SubWorkflow#execute).
/// </summary>
public sealed class SubWorkflowScheduledRaceScenarioTests : SubWorkflowScenarioBase
{
    private const int Parents = 24;

    // e2e SubWorkflowScheduledRaceTests#parentSubWorkflowTaskMustNotPointAtPhantomChild
    [Fact]
    public async Task Each_parent_points_at_its_own_derived_child_and_no_phantom_exists()
    {
        await RegisterTaskNamesAsync("sw_race_child", "sub_sw_race_parent");
        await UpdateWorkflowDefsAsync(
            """
            {"name":"sw_race_child","version":1,"timeoutSeconds":120,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"inline_done","taskReferenceName":"inline_done","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"true;"}}]}
            """,
            """
            {"name":"sw_race_parent","version":1,"timeoutSeconds":120,"timeoutPolicy":"TIME_OUT_WF","tasks":[
              {"name":"sub_sw_race_parent","taskReferenceName":"child_call","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"sw_race_child","version":1}}]}
            """);

        var parentIds = await Task.WhenAll(Enumerable.Range(0, Parents).Select(_ => StartWorkflowAsync("""{"name":"sw_race_parent","version":1}""")));

        foreach (var parentId in parentIds)
        {
            var parent = await UntilStatusAsync(parentId, "COMPLETED");
            var sub = Tasks(parent).Single(task => (string?)task!["taskType"] == "SUB_WORKFLOW")!;
            var expected = DerivedChildId(parentId, (string)sub["taskId"]!, 0);
            Assert.Equal(expected, (string?)sub["subWorkflowId"]);

            var child = await WorkflowAsync(expected);
            Assert.Equal(parentId, (string?)child["parentWorkflowId"]);
            Assert.Equal("COMPLETED", (string?)child["status"]);

            using var phantom = await Http.GetAsync($"workflow/{DerivedChildId(expected, (string)sub["taskId"]!, 0)}");
            Assert.Equal(HttpStatusCode.NotFound, phantom.StatusCode);
        }
    }

    /// <summary>What Java's UUID#nameUUIDFromBytes gives for the text the real server hashes.</summary>
    private static string DerivedChildId(string parentWorkflowId, string parentTaskId, int retryCount)
    {
#pragma warning disable CA5351 // Not for security: the real server derives the id with this very hash.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"subworkflow:{parentWorkflowId}:{parentTaskId}:{retryCount}"));
#pragma warning restore CA5351
        hash[6] = (byte)((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash, bigEndian: true).ToString();
    }
}
