import { Model, Key, Auto, Column, Unique, Default, HasMany } from '@tidemark/decorators';
import type { Text } from '@tidemark/decorators';
import { Post } from './post.js';
import { Comment } from './comment.js';

@Model()
export class User {
  @Key() @Auto() id!: number;
  name!: string;
  @Unique() email!: string;
  bio?: Text | null;
  isActive: boolean = true;
  role: 'admin' | 'author' | 'reader' = 'reader';
  @Default(Default.now) createdAt!: Date;
  @HasMany(() => Post) posts!: Post[];
  @HasMany(() => Comment) comments!: Comment[];
}
