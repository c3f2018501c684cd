import { Model, Key, Auto, Unique, HasMany, HasOne, Ignore } from '@tidemark/decorators';
import { Post } from './post.js';
import { Profile } from './profile.js';
import type { Role } from './role.js';

@Model()
export class User {
  @Key() @Auto() id!: number;
  name!: string;
  @Unique() email!: string;
  bio?: string | null;
  isActive: boolean = true;
  role: Role = 'member';
  @HasMany(() => Post) posts!: Post[];
  @HasOne(() => Profile) profile?: Profile;
  @Ignore() sessionToken?: string;
}
