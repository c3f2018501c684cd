import { Model, Key, Auto, Column, Index, Default, BelongsTo } from '@tidemark/decorators';
import type { Decimal, Json, Text } from '@tidemark/decorators';
import { User } from './user.js';

export enum PostStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

@Model({ table: 'blog_posts' })
@Index(['authorId', 'publishedAt'])
@Index(['slug'], { unique: true, name: 'uq_blog_posts_slug' })
export class Post {
  @Key() @Auto() id!: number;
  title!: string;
  slug!: string;
  body!: Text;
  status: PostStatus = PostStatus.Draft;
  @BelongsTo(() => User, { onDelete: 'cascade' }) author!: User;
  authorId!: number;
  @Column({ precision: 3, scale: 1 }) rating?: Decimal;
  @Column({ name: 'published_on', renamedFrom: 'published_at' }) publishedAt?: Date;
  tags!: Json<string[]>;
  @Default(Default.now) createdAt!: Date;
  updatedAt: Date = new Date();
  views: bigint = 0n;
}
