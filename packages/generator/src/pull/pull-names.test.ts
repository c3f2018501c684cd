import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { tableName } from '@tidemark/core';
import { camelCase, claim, classNameFor, kebabCase, propertyNameFor, singularize } from './pull-names.js';

describe('pull names', () => {
  it('guess the class whose table the naming rule gives back', () => {
    for (const table of ['users', 'blog_posts', 'categories', 'people', 'children', 'boxes', 'addresses', 'news', 'data', 'post_tags', 'mice']) {
      const { className, derived } = classNameFor(table);
      assert.equal(derived, true, `${table} → ${className}`);
      assert.equal(tableName(className), table);
    }
    assert.equal(classNameFor('people').className, 'Person');
    assert.equal(classNameFor('blog_posts').className, 'BlogPost');
  });

  it('say when the rule cannot give the table back, and avoid names the files import or TypeScript owns', () => {
    assert.deepEqual(classNameFor('user'), { className: 'User', derived: false });
    assert.deepEqual(classNameFor('texts'), { className: 'TextModel', derived: false });
    assert.deepEqual(classNameFor('dates'), { className: 'DateModel', derived: false });
    assert.equal(classNameFor('2fa_codes').className, 'T2faCode');
    assert.equal(classNameFor('OrderLines').derived, false);
  });

  it('map columns to camelCase properties, and say when snake_case does not give the column back', () => {
    assert.deepEqual(propertyNameFor('published_at'), { property: 'publishedAt', derived: true });
    assert.deepEqual(propertyNameFor('createdAt'), { property: 'createdAt', derived: false });
    assert.deepEqual(propertyNameFor('line_1'), { property: 'line1', derived: false });
    assert.deepEqual(propertyNameFor('class'), { property: 'classValue', derived: false });
    assert.deepEqual(propertyNameFor('3d_model'), { property: 'c3dModel', derived: false });
    assert.equal(camelCase('first name'), 'firstName');
  });

  it('singularize the last word only, file names in kebab-case, clashes numbered', () => {
    assert.equal(singularize('order_statuses'), 'order_status');
    assert.equal(singularize('houses'), 'house');
    assert.equal(singularize('class'), 'class');
    assert.equal(kebabCase('PostTag'), 'post-tag');
    const used = new Set<string>();
    assert.deepEqual([claim('User', used), claim('User', used), claim('User', used)], ['User', 'User2', 'User3']);
  });
});
