import type { Holiday, Page } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { ApiFile, ApiNoBody, ApiView, addViewSchemas, loadViewSchemas, viewSchema } from './api-view';

const holiday: Holiday = { id: 'h1', date: '2025-08-15', name: 'Independence Day' };

/* eslint-disable @typescript-eslint/no-unused-vars -- the classes exist for their decorators */
class Routes {
  @ApiView('Holiday')
  one(): Holiday {
    return holiday;
  }

  @ApiView('Holiday', { page: true })
  async page(): Promise<Page<Holiday>> {
    return { items: [holiday], nextCursor: null };
  }

  @ApiView('Holiday', { status: 201, description: 'Adds a holiday' })
  async create(): Promise<Holiday> {
    return holiday;
  }

  @ApiFile('text/csv')
  csv(): void {}

  @ApiNoBody()
  remove(): void {}
}

// The compiler refuses a route whose return type is not the view it documents (tsc runs over the specs:
// if ApiView stopped checking, these @ts-expect-error lines would themselves fail the typecheck).
class Drifted {
  // @ts-expect-error -- a Holiday without its name is not a Holiday
  @ApiView('Holiday')
  missingField() {
    return { id: 'h1', date: '2025-08-15' };
  }

  // @ts-expect-error -- one holiday is not a page of holidays
  @ApiView('Holiday', { page: true })
  notAPage(): Holiday {
    return holiday;
  }

  // @ts-expect-error -- RegisterView.period is a number
  @ApiView('RegisterView')
  nullPeriod() {
    return { sectionId: 's', date: 'd', period: null };
  }
}
/* eslint-enable @typescript-eslint/no-unused-vars */

/** Where @nestjs/swagger keeps a method's responses. */
const API_RESPONSE = 'swagger/apiResponse';

const responsesOf = (name: keyof Routes) =>
  Reflect.getMetadata(API_RESPONSE, Routes.prototype[name]) as Record<string, Record<string, unknown>>;

describe('ApiView', () => {
  it('documents a view by reference to its generated component', () => {
    expect(responsesOf('one')['200']).toMatchObject({ schema: { $ref: '#/components/schemas/Holiday' } });
  });

  it('documents a page as { items, nextCursor } of the view', () => {
    expect(responsesOf('page')['200']).toMatchObject({ schema: viewSchema('Holiday', { page: true }) });
    expect(viewSchema('Holiday', { page: true })).toMatchObject({
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Holiday' } } },
      required: ['items', 'nextCursor'],
    });
  });

  it('documents 201 Created with its description', () => {
    expect(responsesOf('create')['201']).toMatchObject({ description: 'Adds a holiday' });
    expect(responsesOf('create')['200']).toBeUndefined();
  });

  it('documents files by content type and 204 without a body', () => {
    expect(responsesOf('csv')['200']).toMatchObject({
      content: { 'text/csv': { schema: { format: 'binary' } } },
    });
    expect(responsesOf('remove')['204']).toBeDefined();
    expect(responsesOf('remove')['204']?.content).toBeUndefined();
  });

  it('loads a schema for every view of @shala/contracts, in the OpenAPI 3.0 dialect', () => {
    const file = loadViewSchemas();
    expect(file.views).toContain('RegisterView');
    for (const name of file.views) expect(file.schemas[name]).toBeDefined();
    const text = JSON.stringify(file.schemas);
    expect(text).not.toContain('#/definitions/');
    expect(text).not.toContain('"type":["');
    expect(file.schemas.RegisterView).toMatchObject({ properties: { period: { type: 'number' } } });
  });

  it('refuses a view schema that would shadow a DTO schema of the same name', () => {
    const document = { components: { schemas: { Holiday: { type: 'object' } } } };
    expect(() => addViewSchemas(document as never)).toThrow(/Holiday clashes/);
  });
});
