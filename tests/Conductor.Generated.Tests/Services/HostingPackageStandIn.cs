namespace Conductor.Generated.Hosting;

/// <summary>
/// Stands in for the hosting package in this test project. The generator reports CDG0017 for
/// [FromServices] parameters unless this type exists, because only the hosting package gives the
/// worker host a service provider; the tests here set ConductorWorkerOptions.Services themselves.
/// Delete this file once the project references Conductor.Generated.Hosting.
/// </summary>
internal static class ConductorWorkersServiceCollectionExtensions
{
}
