package cn.shenhe.registration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a candidate sends to register (报名). The name, ID number and mobile default to those of the
 * signed-in account (what the candidate gave when signing up); the e-mail address (for notices) to the
 * account's verified one.
 */
public record RegisterRequest(
        @NotNull(message = "请填写考试年度 / exam year is required") @Min(2000) @Max(2100) Integer examYear,
        @NotBlank(message = "请选择考试类别 / exam category is required") String category,
        @NotBlank(message = "请选择考点 / exam site is required") String site,
        @Size(max = 50, message = "姓名过长 / name too long") String name,
        @Pattern(regexp = "\\d{17}[\\dXx]", message = "身份证号应为 18 位 / ID number must have 18 characters") String idNumber,
        @Pattern(regexp = "1\\d{10}", message = "手机号应为 11 位数字 / mobile number must be 11 digits") String phone,
        @Email(message = "电子邮箱格式不正确 / not an e-mail address") @Size(max = 254, message = "电子邮箱过长 / e-mail address too long") String email) {
}
