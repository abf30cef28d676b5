using System.Buffers;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// After a burst of large inputs the idle worker takes the large arrays System.Text.Json gave
/// back to the shared pool out of it, so that the collection that follows frees them.
/// </summary>
public sealed class SharedArrayPoolDrainTests
{
    private const int Mebibyte = 1024 * 1024;

    [Fact]
    public void A_large_array_the_shared_pool_keeps_is_taken_out_and_not_handed_out_again()
    {
        var kept = ArrayPool<byte>.Shared.Rent(4 * Mebibyte);
        ArrayPool<byte>.Shared.Return(kept);

        // Bodies up to 3 MiB: the 2 MiB and 4 MiB size classes are drained.
        var drained = ConductorClient.DrainSharedArrayPool(3 * Mebibyte);

        Assert.True(drained >= 1, $"{drained} arrays taken out");
        Assert.NotSame(kept, ArrayPool<byte>.Shared.Rent(4 * Mebibyte));
    }

    [Fact]
    public void Arrays_of_1_MiB_and_less_stay_in_the_pool_and_nothing_is_drained_without_large_bodies()
    {
        var small = ArrayPool<byte>.Shared.Rent(Mebibyte);
        ArrayPool<byte>.Shared.Return(small);

        Assert.Equal(0, ConductorClient.DrainSharedArrayPool(0));
        ConductorClient.DrainSharedArrayPool(8 * Mebibyte);

        Assert.Same(small, ArrayPool<byte>.Shared.Rent(Mebibyte));
    }
}
