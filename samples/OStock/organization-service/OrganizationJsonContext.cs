using System.Text.Json.Serialization;
using OStock.OrganizationService.Organizations;
using OStock.Shared;

namespace OStock.OrganizationService;

/// <summary>Source-generated JSON for the API, the events and the backup file.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(Organization))]
[JsonSerializable(typeof(OrganizationBody))]
[JsonSerializable(typeof(OrganizationChangeModel))]
[JsonSerializable(typeof(BackupDocument<Organization>))]
internal sealed partial class OrganizationJsonContext : JsonSerializerContext;
