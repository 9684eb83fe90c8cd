import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

export class RazorpaySettingsDto {
  @ApiProperty({ description: 'Send parents to Razorpay (needs keyId, keySecret and webhookSecret)' })
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ nullable: true, example: 'rzp_test_1DP5mmOlF5G5ag' })
  @IsOptional()
  @Matches(/^rzp_(test|live)_[A-Za-z0-9]{6,40}$/, {
    message: 'keyId must be a Razorpay key id (rzp_test_... or rzp_live_...)',
  })
  keyId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'write-only; absent keeps it, null clears it' })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  keySecret?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      "write-only secret Razorpay signs this school's webhooks with (X-Razorpay-Signature); absent keeps it, null clears it",
  })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  webhookSecret?: string | null;
}
