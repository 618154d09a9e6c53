using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Branding;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Cli.Commands;

// The settings' data annotations, checked by generated code: the reflection-based Validator cannot see
// the attributes once the native CLI is trimmed.

[OptionsValidator]
internal sealed partial class AudioOptionsValidator : IValidateOptions<AudioOptions>;

[OptionsValidator]
internal sealed partial class PublicationOptionsValidator : IValidateOptions<PublicationOptions>;

[OptionsValidator]
internal sealed partial class BrandingOptionsValidator : IValidateOptions<BrandingOptions>;

[OptionsValidator]
internal sealed partial class RemoteTtsOptionsValidator : IValidateOptions<RemoteTtsOptions>;
