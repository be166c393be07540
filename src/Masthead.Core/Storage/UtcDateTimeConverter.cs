using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masthead.Core.Storage;

/// <summary>Every stored time is UTC; values read back are marked as such so they never shift.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
