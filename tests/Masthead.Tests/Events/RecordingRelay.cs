using Masthead.Core.Events;

namespace Masthead.Tests.Events;

/// <summary>
/// Sees every batch of events the dispatcher sends on after a commit, as another node would, and what
/// <see cref="Probe"/> found at that moment (e.g. whether the change is visible to another connection).
/// </summary>
internal sealed class RecordingRelay : IChangeEventRelay
{
    private readonly List<(IReadOnlyList<IChangeEvent> Events, object? Probed)> _batches = [];

    public Func<object?>? Probe { get; set; }

    public IReadOnlyList<(IReadOnlyList<IChangeEvent> Events, object? Probed)> Batches
    {
        get
        {
            lock (_batches)
            {
                return _batches.ToList();
            }
        }
    }

    public void Send(IReadOnlyList<IChangeEvent> changes)
    {
        var probed = Probe?.Invoke();
        lock (_batches)
        {
            _batches.Add((changes.ToList(), probed));
        }
    }

    public void Clear()
    {
        lock (_batches)
        {
            _batches.Clear();
        }
    }
}
