import { Injectable, OnModuleInit } from '@nestjs/common';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { KeyRotation } from '../../platform/security/key-rotation';
import { ChannelSettingsService } from './channel-settings.service';
import { OutboxRepository } from './outbox.repository';
import { recipientCell } from './outbox.service';

/** DAT-02: channel credentials and guardian message addresses move to the newest data key on rotation. */
@Injectable()
export class NotificationsKeysReEncryptor implements OnModuleInit {
  constructor(
    private readonly rotation: KeyRotation,
    private readonly crypto: FieldCrypto,
    private readonly channels: ChannelSettingsService,
    private readonly outbox: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.rotation.register({
      name: 'notification_channels',
      reEncryptBatch: (v, n) => this.channels.reEncryptBatch(v, n),
    });
    this.rotation.register({ name: 'outbox_recipients', reEncryptBatch: (v, n) => this.recipients(v, n) });
  }

  private async recipients(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.outbox.recipientsEncryptedUnder(oldVersion, limit);
    for (const m of rows) {
      const plain = await this.crypto.decrypt(recipientCell(m.id), m.recipientEnc);
      await this.outbox.setRecipientEnc(m.id, await this.crypto.encrypt(recipientCell(m.id), plain));
    }
    return rows.length;
  }
}
