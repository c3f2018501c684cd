import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { columnName, foreignKeyName, indexName, pluralize, slugify, snakeCase, tableName } from './naming.js';

describe('snakeCase', () => {
  const cases: [string, string][] = [
    ['name', 'name'],
    ['publishedAt', 'published_at'],
    ['isActive', 'is_active'],
    ['PostTag', 'post_tag'],
    ['URLValue', 'url_value'],
    ['userID', 'user_id'],
    ['HTTPServerError', 'http_server_error'],
    ['address2Line', 'address2_line'],
    ['already_snake', 'already_snake'],
    ['kebab-case name', 'kebab_case_name'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(snakeCase(input), expected));
  }
  test('columnName is snakeCase of the property', () => assert.equal(columnName('createdAt'), 'created_at'));
});

describe('pluralize', () => {
  const cases: [string, string][] = [
    // regular
    ['user', 'users'],
    ['post', 'posts'],
    // consonant + y → ies; vowel + y → ys
    ['category', 'categories'],
    ['company', 'companies'],
    ['day', 'days'],
    ['key', 'keys'],
    // sibilants → es
    ['status', 'statuses'],
    ['address', 'addresses'],
    ['box', 'boxes'],
    ['match', 'matches'],
    ['wish', 'wishes'],
    // irregular and uncountable
    ['person', 'people'],
    ['child', 'children'],
    ['man', 'men'],
    ['woman', 'women'],
    ['mouse', 'mice'],
    ['datum', 'data'],
    ['news', 'news'],
    ['series', 'series'],
    ['metadata', 'metadata'],
    // multi-word: only the last word changes
    ['blog_post', 'blog_posts'],
    ['post_category', 'post_categories'],
    ['sales_person', 'sales_people'],
    ['person_address', 'person_addresses'],
    ['user_metadata', 'user_metadata'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(pluralize(input), expected));
  }
});

describe('tableName', () => {
  const cases: [string, string][] = [
    ['User', 'users'],
    ['PostTag', 'post_tags'],
    ['Person', 'people'],
    ['SalesPerson', 'sales_people'],
    ['Category', 'categories'],
    ['BlogPost', 'blog_posts'],
    ['Status', 'statuses'],
    ['URLAlias', 'url_aliases'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(tableName(input), expected));
  }
});

describe('indexName and foreignKeyName', () => {
  test('single column index', () => assert.equal(indexName('users', ['email']), 'idx_users_email'));
  test('composite index keeps column order', () => {
    assert.equal(indexName('blog_posts', ['author_id', 'published_at']), 'idx_blog_posts_author_id_published_at');
  });
  test('foreign key', () => assert.equal(foreignKeyName('blog_posts', ['author_id']), 'fk_blog_posts_author_id'));
  test('composite foreign key', () => assert.equal(foreignKeyName('a', ['x', 'y']), 'fk_a_x_y'));
});

describe('slugify', () => {
  const cases: [string, string][] = [
    ['Add user email!', 'add_user_email'],
    ['add user email', 'add_user_email'],
    ['  Trim   spaces  ', 'trim_spaces'],
    ["Don't drop: users/posts (v2)", 'don_t_drop_users_posts_v2'],
    ['--leading and trailing--', 'leading_and_trailing'],
    ['Café crème brûlée', 'cafe_creme_brulee'],
    ['Ångström Über naïve', 'angstrom_uber_naive'],
    ['CamelCase Message', 'camelcase_message'],
    ['v1.2.3', 'v1_2_3'],
    ['', 'migration'],
    ['   ', 'migration'],
    ['!!!', 'migration'],
    ['日本語', 'migration'],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(slugify(input), expected));
  }

  test('caps the slug at 60 characters', () => {
    const slug = slugify('word '.repeat(40));
    assert.ok(slug.length <= 60, `length ${slug.length}`);
    assert.equal(slug, `${'word_'.repeat(11)}word`); // 59 characters: the cut falls on a separator
  });

  test('a cut that lands on a separator leaves no trailing underscore', () => {
    const slug = slugify(`${'a'.repeat(59)} bcd`);
    assert.equal(slug, 'a'.repeat(59));
  });

  test('a long single word is cut at exactly 60', () => {
    assert.equal(slugify('x'.repeat(100)), 'x'.repeat(60));
  });

  test('the slug is always a valid migration id suffix', () => {
    for (const input of ['Hello, World', 'ÉTÉ', '__x__', '1 2 3', 'a\tb\nc']) {
      assert.match(slugify(input), /^[a-z0-9]+(_[a-z0-9]+)*$/, input);
    }
  });
});
