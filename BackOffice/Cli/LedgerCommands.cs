using System.Globalization;
using ChildAid.Shared.Ledger;

namespace ChildAid.BackOffice;

/// <summary>erase-donor-name.</summary>
public static class LedgerCommands
{
    /// <summary>Erases a donor's name from their v2 ledger entries and the honor roll (<see cref="LedgerNameErasure"/>).</summary>
    public static async Task<int> EraseDonorNameAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (!int.TryParse(args["donor"], NumberStyles.None, CultureInfo.InvariantCulture, out var donorId) || donorId <= 0)
        {
            await cli.Error.WriteLineAsync("usage: erase-donor-name --donor ID   (the donor's number in BackOffice)");
            return 2;
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:erase-donor-name");
        var result = await scope.ServiceProvider.GetRequiredService<LedgerNameErasure>().EraseDonorNameAsync(donorId, ct: ct);
        if (result is null)
        {
            await cli.Error.WriteLineAsync($"erase-donor-name: no donor {donorId}.");
            return 1;
        }
        await cli.Output.WriteLineAsync(
            $"Erased the name of donor {donorId} from {result.ErasedSequences.Count} ledger entr{(result.ErasedSequences.Count == 1 ? "y" : "ies")}" +
            $"{(result.ErasedSequences.Count > 0 ? " (" + string.Join(", ", result.ErasedSequences) + ")" : "")} and the honor roll; the donor is anonymous from now on.");
        if (result.KeptV1Sequences.Count > 0)
            await cli.Output.WriteLineAsync(
                $"Kept in {result.KeptV1Sequences.Count} format-v1 entr{(result.KeptV1Sequences.Count == 1 ? "y" : "ies")} ({string.Join(", ", result.KeptV1Sequences)}): " +
                "v1 hashed the name itself, so removing it would break the chain.");
        return 0;
    }
}
