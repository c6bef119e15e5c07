namespace EdgeHive.Grains.Cloud;

/// <summary>Why a value does not fit a model property, as found by <see cref="PropertyValueRules.Check"/>.</summary>
public enum PropertyValueProblem
{
    /// <summary>The value fits.</summary>
    None,

    /// <summary>An <see cref="PropertyType.Int"/> value that is not a 64-bit integer in invariant digits.</summary>
    NotInteger,

    /// <summary>A <see cref="PropertyType.Float"/> value that is not a finite single-precision number.</summary>
    NotFloat,

    /// <summary>A <see cref="PropertyType.Double"/> value that is not a finite double-precision number.</summary>
    NotDouble,

    /// <summary>A <see cref="PropertyType.Boolean"/> value other than exactly <c>true</c> or <c>false</c>.</summary>
    NotBoolean,

    /// <summary>A <see cref="PropertyType.Bytes"/> value that is not canonical base64 (padded, no whitespace).</summary>
    NotBase64,

    /// <summary>A number below the property's inclusive minimum.</summary>
    BelowMinimum,

    /// <summary>A number above the property's inclusive maximum.</summary>
    AboveMaximum,

    /// <summary>The property declares a type this version does not know.</summary>
    UnknownType,
}
