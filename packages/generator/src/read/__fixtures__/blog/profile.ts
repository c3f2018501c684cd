import { Model, Key, BelongsTo, Column } from '@tidemark/decorators';
import type { Uuid } from '@tidemark/decorators';
import { User as Owner } from './user.js';

@Model({ renamedFrom: 'user_profiles' })
export class Profile {
  @Key() id!: Uuid;
  @BelongsTo(() => Owner, { onDelete: 'set null' }) user?: Owner | null;
  avatar?: Uint8Array;
  @Column({ length: 2 }) country!: string;
  settings: { theme: 'dark' | 'light' } = { theme: 'dark' };
}
