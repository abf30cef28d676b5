namespace Conductor.Generated.Testing;

/// <summary>Task and workflow definitions (MetadataServiceImpl).</summary>
internal sealed partial class ConductorEngine
{
    /// <summary>Registers or replaces each definition (<c>POST /api/metadata/taskdefs</c>).</summary>
    public void RegisterTaskDefs(IReadOnlyList<TaskDef> taskDefs, string validationPath = "registerTaskDef.arg0")
    {
        var errors = new List<ValidationError>();
        for (var index = 0; index < taskDefs.Count; index++)
        {
            DefinitionValidator.Validate(taskDefs[index], $"{validationPath}[{index}]", errors);
        }

        DefinitionValidator.ThrowIfInvalid(errors);
        lock (_gate)
        {
            foreach (var taskDef in taskDefs)
            {
                var stored = Copy(taskDef, ServerJsonContext.Default.TaskDef);
                stored.CreateTime = Now;
                stored.UpdateTime = null;
                _taskDefinitions[stored.Name!] = stored;
            }
        }
    }

    /// <summary>Replaces an existing definition (<c>PUT /api/metadata/taskdefs</c>).</summary>
    public void UpdateTaskDef(TaskDef taskDef)
    {
        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(taskDef, "updateTaskDef.arg0", errors);
        DefinitionValidator.ThrowIfInvalid(errors);
        lock (_gate)
        {
            if (!_taskDefinitions.TryGetValue(taskDef.Name!, out var existing))
            {
                throw ConductorApiException.NotFound($"No such task by name {taskDef.Name}");
            }

            var stored = Copy(taskDef, ServerJsonContext.Default.TaskDef);
            stored.CreateTime = existing.CreateTime;
            stored.UpdateTime = Now;
            _taskDefinitions[stored.Name!] = stored;
        }
    }

    public List<TaskDef> GetTaskDefs()
    {
        lock (_gate)
        {
            return [.. _taskDefinitions.Values.OrderBy(def => def.Name, StringComparer.Ordinal).Select(def => Copy(def, ServerJsonContext.Default.TaskDef))];
        }
    }

    public TaskDef GetTaskDef(string name)
    {
        lock (_gate)
        {
            return _taskDefinitions.TryGetValue(name, out var taskDef)
                ? Copy(taskDef, ServerJsonContext.Default.TaskDef)
                : throw ConductorApiException.NotFound($"No such taskType found by name: {name}");
        }
    }

    public void DeleteTaskDef(string name)
    {
        lock (_gate)
        {
            if (!_taskDefinitions.Remove(name))
            {
                throw ConductorApiException.NotFound("No such task definition");
            }
        }
    }

    /// <summary>Registers a new definition (<c>POST /api/metadata/workflow</c>); 409 when the name and version exist.</summary>
    public void CreateWorkflowDef(WorkflowDef workflowDef, bool overwrite)
    {
        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(workflowDef, "registerWorkflowDef.arg0", errors);
        DefinitionValidator.ThrowIfInvalid(errors);
        lock (_gate)
        {
            if (FindWorkflowDefLocked(workflowDef.Name!, workflowDef.Version) is { } existing)
            {
                if (!overwrite)
                {
                    throw ConductorApiException.Conflict($"Workflow with {workflowDef.Name}.{workflowDef.Version} already exists!");
                }

                StoreWorkflowDef(workflowDef, existing.CreateTime, Now);
                return;
            }

            StoreWorkflowDef(workflowDef, Now, null);
        }
    }

    /// <summary>Checks a definition as registering it would, without storing it (<c>POST /api/metadata/workflow/validate</c>).</summary>
    public static void ValidateWorkflowDef(WorkflowDef workflowDef, string validationPath)
    {
        var errors = new List<ValidationError>();
        DefinitionValidator.Validate(workflowDef, validationPath, errors);
        DefinitionValidator.ThrowIfInvalid(errors);
    }

    /// <summary>Creates or replaces each definition (<c>PUT /api/metadata/workflow</c>).</summary>
    public List<string> UpsertWorkflowDefs(IReadOnlyList<WorkflowDef> workflowDefs)
    {
        var errors = new List<ValidationError>();
        for (var index = 0; index < workflowDefs.Count; index++)
        {
            DefinitionValidator.Validate(workflowDefs[index], $"updateWorkflowDef.arg0[{index}]", errors);
        }

        DefinitionValidator.ThrowIfInvalid(errors);
        lock (_gate)
        {
            foreach (var workflowDef in workflowDefs)
            {
                var existing = FindWorkflowDefLocked(workflowDef.Name!, workflowDef.Version);
                StoreWorkflowDef(workflowDef, existing?.CreateTime ?? Now, Now);
            }
        }

        return [.. workflowDefs.Select(def => def.Name!)];
    }

    /// <summary>The given version, or the highest when <paramref name="version"/> is null.</summary>
    public WorkflowDef? FindWorkflowDef(string name, int? version)
    {
        lock (_gate)
        {
            var found = FindWorkflowDefLocked(name, version);
            return found is null ? null : Copy(found, ServerJsonContext.Default.WorkflowDef);
        }
    }

    public List<WorkflowDef> GetWorkflowDefs()
    {
        lock (_gate)
        {
            return
            [
                .. _workflowDefinitions.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                    .SelectMany(pair => pair.Value.Values)
                    .Select(def => Copy(def, ServerJsonContext.Default.WorkflowDef)),
            ];
        }
    }

    public void DeleteWorkflowDef(string name, int version)
    {
        lock (_gate)
        {
            if (!_workflowDefinitions.TryGetValue(name, out var versions) || !versions.Remove(version))
            {
                throw ConductorApiException.NotFound($"No such workflow definition: {name} version: {version}");
            }

            if (versions.Count == 0)
            {
                _workflowDefinitions.Remove(name);
            }
        }
    }

    private WorkflowDef? FindWorkflowDefLocked(string name, int? version)
    {
        if (!_workflowDefinitions.TryGetValue(name, out var versions) || versions.Count == 0)
        {
            return null;
        }

        if (version is null)
        {
            return versions.Values.Last();
        }

        return versions.TryGetValue(version.Value, out var found) ? found : null;
    }

    private void StoreWorkflowDef(WorkflowDef workflowDef, long? createTime, long? updateTime)
    {
        var stored = Copy(workflowDef, ServerJsonContext.Default.WorkflowDef);
        stored.CreateTime = createTime;
        stored.UpdateTime = updateTime;
        if (!_workflowDefinitions.TryGetValue(stored.Name!, out var versions))
        {
            versions = [];
            _workflowDefinitions[stored.Name!] = versions;
        }

        versions[stored.Version] = stored;
    }
}
