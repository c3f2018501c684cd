import { Model, Key, Auto, BelongsTo, Default } from '@tidemark/decorators';
import type { Text, Relation } from '@tidemark/decorators';
import { User } from './user.js';
import { Post } from './post.js';

@Model()
export class Comment {
  @Key() @Auto() id!: number;
  @BelongsTo(() => Post, { onDelete: 'cascade' }) post!: Relation<Post>;
  postId!: number;
  @BelongsTo(() => User, { onDelete: 'set null' }) author?: Relation<User> | null;
  authorId?: number | null;
  body!: Text;
  approved: boolean = false;
  @Default(Default.now) createdAt!: Date;
}
