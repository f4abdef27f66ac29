import { RollUp, RollUpExportQuery, RollUpQuery } from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { recordDownload } from '../audit/record';
import { access } from '../auth/access';
import { actorOf } from '../auth/context';
import { readScopeOf } from '../auth/policy';
import type { Config } from '../config';
import { readProblems } from '../http/schemas';
import { rollUpCsv, rollUpXlsx } from './export';
import { rollUp } from './queries';

const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

const FileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });

const rollUpRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  /** Every role reads it within its read scope; inspectors get submitted versions only. */
  function figuresFor(request: FastifyRequest, query: RollUpQuery) {
    const scope = readScopeOf(actorOf(request));
    // One region's people see it by PDU unless they ask otherwise; everyone else by region.
    const groupBy = query.groupBy ?? (scope.regionId ? 'pdu' : 'region');
    return rollUp(
      app.db,
      { scope, query: { ...query, groupBy } },
      { now: app.clock(), dueSoonDays: config.ragDueSoonDays },
    );
  }

  app.get(
    '/roll-up',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Action plans'],
        operationId: 'getRollUp',
        summary:
          'Recommendations, actions and plans counted across every region the caller sees, grouped by region, PDU, theme, owner level or kind',
        querystring: RollUpQuery,
        response: { 200: RollUp, ...readProblems },
      },
    },
    async (request) => figuresFor(request, request.query),
  );

  app.get(
    '/roll-up/export',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Exports and imports'],
        operationId: 'getRollUpExport',
        summary: 'The roll-up as CSV or Excel: one row per group and a total row',
        querystring: RollUpExportQuery,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              Object.values(mediaTypes).map((type) => [type, { schema: FileBytes }]),
            ),
          },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const figures = await figuresFor(request, query);
      const file = format === 'xlsx' ? await rollUpXlsx(figures) : rollUpCsv(figures);
      const name = `roll-up-by-${figures.groupBy}-${figures.asOf}.${format}`;
      await recordDownload(app.db, request, {
        action: 'roll_up.exported',
        subjectType: 'roll_up',
        subjectId: null,
        regionId: readScopeOf(actorOf(request)).regionId,
        after: { format, query, fileName: name },
      });
      return reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .type(mediaTypes[format])
        .send(file);
    },
  );
};

export default rollUpRoutes;
