using System.Text.Json.Serialization;
using OStock.LicensingService.Licenses;
using OStock.LicensingService.Organizations;
using OStock.Shared;

namespace OStock.LicensingService;

/// <summary>Source-generated JSON for the API, organization-service's answers, the events and the backup file.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LicenseBody))]
[JsonSerializable(typeof(LicenseView))]
[JsonSerializable(typeof(List<LicenseView>))]
[JsonSerializable(typeof(OrganizationDetails))]
[JsonSerializable(typeof(OrganizationChangeModel))]
[JsonSerializable(typeof(BackupDocument<License>))]
internal sealed partial class LicensingJsonContext : JsonSerializerContext;
