using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Growth;

/// <summary>
/// The WHO tables of this installation, loaded on first use from <see cref="GrowthOptions.ReferenceFolder"/>. Without
/// them nothing else breaks: <see cref="TryGetCalculator"/> says why (in Vietnamese then English, with how to install),
/// and the next call tries again, so installing the files needs no restart.
/// </summary>
public sealed class GrowthReference(IOptions<GrowthOptions> options)
{
    private readonly Lock _gate = new();
    private volatile GrowthCalculator? _calculator;

    public string Folder => Path.GetFullPath(options.Value.ReferenceFolder);

    public bool TryGetCalculator(out GrowthCalculator calculator, out string? problem)
    {
        problem = null;
        if (_calculator is { } loaded)
        {
            calculator = loaded;
            return true;
        }
        lock (_gate)
        {
            try
            {
                _calculator ??= new GrowthCalculator(GrowthReferenceLoader.Load(options.Value.ReferenceFolder));
            }
            catch (GrowthReferenceException e)
            {
                calculator = null!;
                problem = e.Message;
                return false;
            }
            catch (IOException e)
            {
                calculator = null!;
                problem = $"Không đọc được bảng tham chiếu WHO ở «{Folder}»: {e.Message}\n{GrowthReferenceLoader.InstallHintVi}\n"
                          + $"The WHO reference tables in '{Folder}' could not be read: {e.Message}\n{GrowthReferenceLoader.InstallHintEn}";
                return false;
            }
            calculator = _calculator;
            return true;
        }
    }

    /// <exception cref="GrowthReferenceException">The tables are missing or wrong; the message says how to install them.</exception>
    public GrowthCalculator Calculator =>
        TryGetCalculator(out var calculator, out var problem) ? calculator : throw new GrowthReferenceException(problem!);
}
