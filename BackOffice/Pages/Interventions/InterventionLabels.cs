using ChildAid.Shared.Interventions;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>The intervention kinds' Vietnamese words (resource keys: pages show them through the localizer).</summary>
public static class InterventionLabels
{
    public static readonly IReadOnlyDictionary<InterventionKind, string> Kinds = new Dictionary<InterventionKind, string>
    {
        [InterventionKind.SchoolMeals] = "Bữa ăn học đường",
        [InterventionKind.CheckupAndTreatment] = "Đợt khám và điều trị",
        [InterventionKind.Micronutrient] = "Bổ sung vi chất dinh dưỡng",
        [InterventionKind.Other] = "Khác",
    };
}
