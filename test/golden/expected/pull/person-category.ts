// Pulled from table person_categories by `tidemark migrate:pull`; edit it like any other model.
import { Model, Key, Column, Index, BelongsTo } from '@tidemark/decorators';
import type { Relation } from '@tidemark/decorators';
import { Category } from './category.js';
import { Person } from './person.js';

@Model()
export class PersonCategory {
  @BelongsTo(() => Category, { onDelete: 'restrict' }) category!: Relation<Category>;
  @Key() categoryId!: number;
  @BelongsTo(() => Person, { onDelete: 'cascade' }) person!: Relation<Person>;
  @Key() @Index() personId!: bigint;
  @Column({ type: 'date' }) since?: Date | null;
}
