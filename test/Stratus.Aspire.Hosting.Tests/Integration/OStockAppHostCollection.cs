namespace Stratus.Aspire.Hosting.Tests.Integration;

/// <summary>
/// <see cref="OStockAppHostTests"/> runs alone, after the other tests of this assembly: its seven processes under a
/// second DCP at the same time would starve <see cref="RegistryWithServiceTests"/> on a two-core machine.
/// </summary>
[CollectionDefinition(nameof(OStockAppHostCollection), DisableParallelization = true)]
public sealed class OStockAppHostCollection;
