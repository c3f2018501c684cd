// Pulled from table texts by `tidemark migrate:pull`; edit it like any other model.
import { Model, Key, Column, Index } from '@tidemark/decorators';
import type { Text } from '@tidemark/decorators';

@Model({ table: 'texts' })
@Index(['catId', 'catName'])
export class TextModel {
  @Key() @Column({ length: 10 }) code!: string;
  body!: Text;
  catId!: number;
  @Column({ length: 80 }) catName!: string;
}
