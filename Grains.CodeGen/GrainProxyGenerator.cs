using EdgeHive.Grains.CodeGen.Model;
using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Emits a proxy and one request class per method for every grain interface in the compilation, plus a
/// module initializer registering them.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainProxyGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the per-interface model step, for incrementality tests.</summary>
    public const string InterfaceModelsStep = "GrainInterfaceModels";

    /// <summary>Tracking name of the step feeding the registration file.</summary>
    public const string RegistrationStep = "GrainInterfaceRegistration";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // No attribute marks grain interfaces, so ForAttributeWithMetadataName cannot be used; the syntax filter
        // keeps the semantic work to interfaces with a base list.
        var models = context.SyntaxProvider
            .CreateSyntaxProvider(GrainInterfaceParser.IsCandidate, GrainInterfaceParser.Parse)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(InterfaceModelsStep);

        context.RegisterSourceOutput(models, static (output, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model.CanGenerate)
            {
                output.AddSource(model.Shape.Mangled + ".g.cs", ProxyEmitter.Emit(model));
            }
        });

        var registered = models
            .Where(static model => model.CanGenerate)
            .Select(static (model, _) => model.Shape)
            .Collect()
            .WithTrackingName(RegistrationStep);

        context.RegisterSourceOutput(registered, static (output, shapes) =>
        {
            if (!shapes.IsEmpty)
            {
                output.AddSource("GrainInterfaceRegistration.g.cs", RegistrationEmitter.Emit(shapes));
            }
        });
    }
}
