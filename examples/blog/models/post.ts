import { Model, Key, Auto, Column, Index, BelongsTo, HasMany } from '@tidemark/decorators';
import type { Decimal, Json, Text, Relation } from '@tidemark/decorators';
import { User } from './user.js';
import { Comment } from './comment.js';
import { PostTag } from './post-tag.js';

@Model({ table: 'blog_posts' })
@Index(['authorId', 'publishedAt'])
export class Post {
  @Key() @Auto() id!: number;
  @Column({ length: 200 }) title!: string;
  body!: Text;
  @BelongsTo(() => User, { onDelete: 'cascade' }) author!: Relation<User>;
  authorId!: number;
  @Column({ precision: 3, scale: 1 }) rating?: Decimal;
  publishedAt?: Date;
  tags!: Json<string[]>;
  @HasMany(() => Comment) comments!: Comment[];
  @HasMany(() => PostTag) postTags!: PostTag[];
}
