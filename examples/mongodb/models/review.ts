import { Model, Key, BelongsTo, Default, Index } from '@tidemark/decorators';
import type { Text, Uuid } from '@tidemark/decorators';
import { Book } from './book.js';

@Model()
export class Review {
  @Key() id!: Uuid;
  @BelongsTo(() => Book, { onDelete: 'cascade' }) book!: Book;
  bookId!: Uuid;
  @Index() rating!: number;
  body!: Text;
  status: 'pending' | 'published' = 'pending';
  /** Added in the second migration: existing reviews get the default, 0. */
  helpfulVotes: number = 0;
  @Default(Default.now) createdAt!: Date;
}
