using ChildAid.Shared.Media;
using ChildAid.Shared.Needs;

namespace ChildAid.BackOffice.Pages.Media;

/// <summary>What the shared media fields partial needs.</summary>
public sealed record MediaFieldsModel(MediaInput Input, IReadOnlyList<(int Id, string Path)> Folders, IReadOnlyList<Choice> Consents, bool CanManage, bool IsUpload);
