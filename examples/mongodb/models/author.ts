import { Model, Key, Unique, Default, HasMany } from '@tidemark/decorators';
import type { Text, Uuid } from '@tidemark/decorators';
import { Book } from './book.js';

/** An author. MongoDB has no sequences, so keys are Uuids the application generates. */
@Model()
export class Author {
  @Key() id!: Uuid;
  name!: string;
  @Unique() email!: string;
  bio?: Text | null;
  @Default(Default.now) createdAt!: Date;
  @HasMany(() => Book) books!: Book[];
}
