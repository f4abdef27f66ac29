import type { ActionStatus, OwnerLevel, ResponseDecision, Theme } from './enums';
import type { EvidenceMediaType } from './evidence';

/**
 * The contract's values in the words people read and type: the web shows them, exports write
 * them and imports read them back, so all three must say the same thing.
 */

export const actionStatusNames: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  complete: 'Complete',
  verified_closed: 'Verified closed',
  cancelled: 'Cancelled',
};

export const responseDecisionNames: Record<ResponseDecision, string> = {
  agreed: 'Agreed',
  partly_agreed: 'Partly agreed',
  not_agreed: 'Not agreed',
  addressed_by: 'Addressed by another recommendation',
};

/** A response's decision as people read it: "Addressed by Wigan 8" names the one answering it. */
export function decisionInWords(response: {
  decision: ResponseDecision;
  addressedBy?: { label: string } | null;
}): string {
  return response.decision === 'addressed_by' && response.addressedBy
    ? `Addressed by ${response.addressedBy.label}`
    : responseDecisionNames[response.decision];
}

export const ownerLevelNames: Record<OwnerLevel, string> = {
  pdu: 'PDU',
  region: 'Region',
  hmpps: 'HMPPS',
};

export const themeNames: Record<Theme, string> = {
  risk_of_harm: 'Risk of harm',
  staffing: 'Staffing',
  training: 'Training',
  diversity_and_inclusion: 'Diversity and inclusion',
  victims: 'Victims',
  domestic_abuse_and_safeguarding: 'Domestic abuse and safeguarding',
  interventions_and_services: 'Interventions and services',
  management_oversight: 'Management oversight',
  court_work: 'Court work',
  resettlement: 'Resettlement',
  engagement: 'Engagement',
};

export const evidenceTypeNames: Record<EvidenceMediaType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'text/csv': 'CSV',
  'text/plain': 'Text',
};
