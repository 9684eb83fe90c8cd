import { z } from 'zod';
import type { ChannelView } from '@shala/contracts';
import { CHANNEL_SHAPES, secretFieldsOf, type ChannelMessages, type SettingField } from './channel.schema';

function settingRule(field: SettingField, messages: ChannelMessages): z.ZodType<string> {
  const blankOr = (rule: z.ZodType<string>) => z.union([z.literal(''), rule]);
  switch (field.rule) {
    case 'email':
      return blankOr(z.string().trim().email(messages.email).max(254, messages.email));
    case 'digits': {
      const min = field.min ?? 1;
      const max = field.max ?? 64;
      return blankOr(
        z
          .string()
          .trim()
          .regex(new RegExp(`^[0-9]{${min},${max}}$`), messages.digits(min, max)),
      );
    }
    case 'senderHeader':
      return blankOr(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{3,11}$/, messages.senderHeader),
      );
    default:
      return z.string().max(field.max ?? 200);
  }
}

export function channelSchema(view: ChannelView, messages: ChannelMessages) {
  const settings = CHANNEL_SHAPES[view.channel].settings;
  return z.object({
    enabled: z.boolean(),
    settings: z.object(Object.fromEntries(settings.map((f) => [f.name, settingRule(f, messages)]))),
    secrets: z.object(
      Object.fromEntries(
        secretFieldsOf(view).map((f) => [
          f.name,
          z.union([z.literal(''), z.string().min(f.min, messages.tooShort(f.min)).max(f.max)]),
        ]),
      ),
    ),
    remove: z.record(z.boolean()),
  });
}
