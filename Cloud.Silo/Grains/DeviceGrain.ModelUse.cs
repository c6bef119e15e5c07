using EdgeHive.Grains.Cloud;
using Orleans;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Keeps the models' user sets in line with the device across crashes (see <see cref="ModelUse"/>). A model the device
/// is about to acquire is recorded as an owed check in a write of its own before the model is called, and the model it
/// leaves (replace, patch, delete) is recorded in the same write as the change; the checks are settled right after and
/// cleared with the owed pushes, or by the next activation or sweep when a crash came first. Without this, a crash
/// between the device's write and the model call left the old model counting the device forever ("in use").
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <summary>Records <paramref name="modelKey"/> as owed a check before the device asks the model to count it, so a
    /// crash after the model call and before the device's write leaves a debt that removes the device again. Does not
    /// publish a change: the device itself did not change.</summary>
    private async Task OweModelCheckAsync(string modelKey)
    {
        var previous = state.State.ModelChecks;
        if (previous.Contains(modelKey, StringComparer.Ordinal))
        {
            return;
        }

        state.State.ModelChecks = ModelUse.Merge(previous, modelKey);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ModelChecks = previous;
            throw;
        }
    }

    /// <summary>Asks every model owed a check to add the device (when its current spec names the model) or remove it
    /// (otherwise). Returns the keys settled; a failing model stays owed and is logged.</summary>
    private async Task<List<string>> SettleModelChecksAsync()
    {
        var key = this.GetPrimaryKeyString();
        var settled = new List<string>();
        foreach (var modelKey in state.State.ModelChecks.ToArray())
        {
            try
            {
                // NotFound settles the check as well: a deleted model counts nobody.
                var model = GrainFactory.GetGrain<IDeviceModelGrain>(modelKey);
                if (ModelUse.ShouldUse(Current, modelKey))
                {
                    await model.AddUser(key);
                }
                else
                {
                    await model.RemoveUser(key);
                }

                settled.Add(modelKey);
            }
            catch (Exception ex)
            {
                Log.ModelCheckFailed(logger, key, modelKey, ex);
            }
        }

        return settled;
    }

    /// <summary>Settles and clears the owed model checks after a write that failed or was refused, so an acquired
    /// model does not go on counting a device that never came to use it. Best effort: what fails stays owed.</summary>
    private async Task SettleModelChecksNowAsync()
    {
        if (state.State.ModelChecks.Count == 0)
        {
            return;
        }

        await ClearSettledAsync([], await SettleModelChecksAsync());
    }
}
