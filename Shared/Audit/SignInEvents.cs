namespace ChildAid.Shared.Audit;

/// <summary>
/// Sign-in events, written as ordinary <see cref="AuditEntry"/> rows: <see cref="EntityType"/>, the action below,
/// the account's id as key (empty for a name that matches no account) and, as "after", the name typed and the
/// client address. Never the password or the code.
/// </summary>
public static class SignInEvents
{
    public const string EntityType = "SignIn";

    public const string Succeeded = "SignInSucceeded";
    public const string Failed = "SignInFailed";
    public const string LockedOut = "SignInLockedOut";
    /// <summary>Refused without looking at the password: too many failures from the client's address.</summary>
    public const string Throttled = "SignInThrottled";
    /// <summary>Right password; the second step (authenticator or recovery code) comes next.</summary>
    public const string TwoFactorRequested = "TwoFactorRequested";
    public const string TwoFactorSucceeded = "TwoFactorSucceeded";
    public const string TwoFactorFailed = "TwoFactorFailed";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";
    public const string RecoveryCodeFailed = "RecoveryCodeFailed";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string RecoveryCodesRenewed = "RecoveryCodesRenewed";
    public const string SignedOut = "SignedOut";

    /// <summary>Vietnamese, for the audit page.</summary>
    public static readonly IReadOnlyDictionary<string, string> VietnameseLabels = new Dictionary<string, string>
    {
        [Succeeded] = "đăng nhập thành công",
        [Failed] = "đăng nhập sai mật khẩu hoặc tên đăng nhập",
        [LockedOut] = "đăng nhập khi tài khoản đang bị khóa",
        [Throttled] = "đăng nhập bị từ chối vì địa chỉ này nhập sai quá nhiều lần",
        [TwoFactorRequested] = "nhập đúng mật khẩu, chờ mã xác thực hai lớp",
        [TwoFactorSucceeded] = "xác thực hai lớp thành công",
        [TwoFactorFailed] = "nhập sai mã xác thực hai lớp",
        [RecoveryCodeUsed] = "đăng nhập bằng mã khôi phục",
        [RecoveryCodeFailed] = "nhập sai mã khôi phục",
        [TwoFactorEnabled] = "bật xác thực hai lớp",
        [TwoFactorDisabled] = "tắt xác thực hai lớp",
        [RecoveryCodesRenewed] = "tạo mã khôi phục mới",
        [SignedOut] = "đăng xuất",
    };
}
