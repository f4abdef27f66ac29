import type { LetterPdu, LetterRecommendation, InspectionLetter } from './letter-types';

/**
 * HMI Probation's regional review letter to the Greater Manchester RPD, 25 May 2023
 * (seeds/letters/greater-manchester-regional-review-2023-05-25.txt, a copy kept in the repository).
 *
 * Recommendation texts keep the letter's spelling and punctuation ("desistence", the capital
 * "Ensure", trailing full stops only where the letter has them); the tests hold them to the
 * letter's text.
 */

type Rating = LetterPdu['rating']['standards'][number]['rating'];

/** The framework's standards in order, so every PDU lists all of them even where unrated. */
const framework = [
  ['1.1', 'Leadership'],
  ['1.2', 'Staff'],
  ['1.3', 'Services'],
  ['1.4', 'Information and facilities'],
  ['2.1', 'Court work'],
  ['2.2', 'Assessment'],
  ['2.3', 'Planning'],
  ['2.4', 'Implementation and delivery'],
  ['2.5', 'Reviewing'],
] as const;

type StandardCode = (typeof framework)[number][0];

function standards(
  ratings: Partial<Record<StandardCode, Rating>>,
): LetterPdu['rating']['standards'] {
  return framework.map(([code, name]) => ({ code, name, rating: ratings[code] ?? null }));
}

function recs(
  sourcePduCode: string,
  ownerLevel: LetterRecommendation['ownerLevel'],
  items: [number, string, LetterRecommendation['themes']][],
): LetterRecommendation[] {
  return items.map(([number, text, themes]) => ({
    sourcePduCode,
    number,
    text,
    ownerLevel,
    themes,
  }));
}

// The letter's own figures for the staffing paragraphs are "As of January 2023".
const jan2023 = { date: '2023-01-01', period: 'January 2023' } as const;
// Figures from the PDU case samples or stated as current; the letter dates them no closer.
const atInspection = {
  date: null,
  period: 'At inspection (fieldwork February-March 2023)',
} as const;

export const greaterManchester2023: InspectionLetter = {
  region: { name: 'Greater Manchester', code: 'greater-manchester' },
  pdus: [
    {
      name: 'Manchester North',
      code: 'manchester-north',
      fieldworkStartMonth: '2023-02',
      rating: {
        overall: 'requires_improvement',
        score: { achieved: 10, max: 24 },
        // Annexe two has no 2.1 Court work line for Manchester North.
        standards: standards({
          '1.1': 'requires_improvement',
          '1.2': 'good',
          '1.3': 'good',
          '1.4': 'good',
          '2.2': 'inadequate',
          '2.3': 'requires_improvement',
          '2.4': 'requires_improvement',
          '2.5': 'requires_improvement',
        }),
      },
    },
    {
      name: 'Tameside',
      code: 'tameside',
      fieldworkStartMonth: '2023-03',
      rating: {
        overall: 'requires_improvement',
        score: { achieved: 7, max: 27 },
        // Nine rated standards: 7/27 is scored out of three points each.
        standards: standards({
          '1.1': 'requires_improvement',
          '1.2': 'good',
          '1.3': 'requires_improvement',
          '1.4': 'good',
          '2.1': 'requires_improvement',
          '2.2': 'inadequate',
          '2.3': 'inadequate',
          '2.4': 'inadequate',
          '2.5': 'inadequate',
        }),
      },
    },
    {
      name: 'Wigan',
      code: 'wigan',
      // Annexe two has no Wigan table and the letter never dates Wigan's fieldwork.
      fieldworkStartMonth: null,
      rating: {
        // Only source: the Summary ("... and Wigan as 'Requires improvement'").
        overall: 'requires_improvement',
        score: null,
        standards: standards({}),
      },
    },
  ],
  inspection: {
    title: 'Regional review: Greater Manchester',
    kind: 'regional_review',
    letterDate: '2023-05-25',
    author: 'Justin Russell, Chief Inspector of Probation',
    addressee: 'Chris Edwards, Regional Probation Director',
  },
  recommendations: [
    ...recs('manchester-north', 'pdu', [
      // The letter prints this item without its number; it heads the list, so it is 1.
      [
        1,
        'improve the quality of work to assess, plan for, manage, and review risk of harm and to ' +
          'improve desistance, ensuring that all available information is accessed and ' +
          'utilised, all relevant partners are engaged, and all outstanding training needs ' +
          'related to these areas are addressed',
        ['risk_of_harm', 'training'],
      ],
      [
        2,
        'ensure consideration is given to the safety of victims when delivering interventions ' +
          'in all instances where required',
        ['victims', 'interventions_and_services'],
      ],
      [
        3,
        'ensure that appropriate activity is always undertaken following domestic abuse or ' +
          'safeguarding enquiries to ensure that risks are followed up and managed appropriately',
        ['domestic_abuse_and_safeguarding', 'risk_of_harm'],
      ],
      [
        4,
        'review the efficacy of work with people on probation both before leaving custody and ' +
          'upon release, including the efficacy and availability of services for this cohort',
        ['resettlement', 'interventions_and_services'],
      ],
      [
        5,
        'ensure managers and staff are clear on expectations regarding the effective management ' +
          'of sickness.',
        ['staffing'],
      ],
    ]),
    ...recs('manchester-north', 'region', [
      [
        6,
        'consider a more flexible approach to achieving service level targets, if appropriate ' +
          'and defensible, to ensure high-quality work is always undertaken',
        // No theme names performance targets; this is about the quality of casework.
        ['management_oversight'],
      ],
      [
        7,
        'consider the use of the Regional Outcomes Intervention Fund to tackle the gaps ' +
          'identified locally regarding mental health provision for people on probation',
        ['interventions_and_services'],
      ],
      [
        8,
        'review arrangements to ensure people on probation from all PDUs feel safe when ' +
          'visiting the Redfern Building, and that their views are incorporated into ' +
          'organisational planning when appropriate',
        ['engagement'],
      ],
      // Unnumbered in the letter; it follows 8 in the same list, so it is 9.
      [
        9,
        'continue to monitor workforce development planning and work with HM Prison and ' +
          'Probation Service to ensure the PDU has sufficient staffing capacity to undertake ' +
          'high-quality work.',
        ['staffing'],
      ],
    ]),
    ...recs('tameside', 'pdu', [
      [
        1,
        'ensure interventions and services available locally are utilised to deliver ' +
          'appropriate services to support desistence and risk of harm',
        ['interventions_and_services', 'risk_of_harm'],
      ],
      [
        2,
        'improve contingency planning for risk of harm management to ensure that protection of ' +
          'victims is prioritised',
        ['risk_of_harm', 'victims'],
      ],
      [
        3,
        'increase middle management capacity to ensure sufficient resource is in place to ' +
          'provide enhanced management oversight',
        ['management_oversight', 'staffing'],
      ],
      [
        4,
        'provide practitioners with the knowledge and experience necessary to ensure sufficient ' +
          'analysis can take place to improve the quality of work to keep people safe',
        ['training', 'risk_of_harm'],
      ],
      [
        5,
        'ensure that diversity information is assessed and analysed to support the desistance ' +
          'of the person on probation.',
        ['diversity_and_inclusion'],
      ],
    ]),
    ...recs('tameside', 'region', [
      [
        6,
        'ensure there are effective arrangements in place for the PDU to deliver a quality ' +
          'service while qualified probation officer vacancies remain',
        ['staffing'],
      ],
      [
        7,
        'ensure that probation service officers have sufficient training to adequately assess, ' +
          'plan, and deliver interventions that address the risk of harm to others',
        ['training', 'risk_of_harm'],
      ],
      [
        8,
        'reduce waiting times for accredited programmes, particularly Building Better ' +
          'Relationships.',
        // Building Better Relationships is the domestic abuse perpetrator programme.
        ['interventions_and_services', 'domestic_abuse_and_safeguarding'],
      ],
    ]),
    ...recs('tameside', 'hmpps', [
      [
        9,
        'ensure probation delivery units and probation regions are sufficiently resourced with ' +
          'the right staff to protect the public',
        ['staffing', 'risk_of_harm'],
      ],
      [
        10,
        'provide all practitioners and managers with the necessary training and learning to ' +
          'ensure that work to protect the public can be carried out effectively.',
        ['training', 'risk_of_harm'],
      ],
    ]),
    ...recs('wigan', 'pdu', [
      [
        1,
        'focus management oversight to ensure that work to keep other people and staff safe is ' +
          'accurately assessed, planned for and that services are delivered to reduce risk to ' +
          'other people',
        ['management_oversight', 'risk_of_harm'],
      ],
      [
        2,
        'continue the work to support staff development, maintain the high levels of staff ' +
          'motivation, and enable innovation',
        ['staffing', 'training'],
      ],
      [
        3,
        'improve understanding of the discrimination and inequalities faced by black, Asian and ' +
          'minority ethnic staff and people on probation, making sure that there is equal ' +
          'access to services for people on probation',
        ['diversity_and_inclusion', 'interventions_and_services'],
      ],
      [
        4,
        'assist people on probation to know about and use the complaints process.',
        ['engagement'],
      ],
    ]),
    ...recs('wigan', 'region', [
      [
        5,
        "improve the quality of court work and sentencers' knowledge of what interventions are " +
          'available to reduce reoffending and manage risk of harm to others',
        ['court_work', 'interventions_and_services'],
      ],
      [
        6,
        'provide sufficient opportunities for people on probation to start and complete unpaid ' +
          'work',
        ['interventions_and_services'],
      ],
      [
        7,
        "work with Wigan children's social care services to protect children from the harm " +
          'caused by domestic abuse; specifically, this should include effective information ' +
          'sharing, joint planning, and improvements to joint work to protect children from ' +
          'harm.',
        ['domestic_abuse_and_safeguarding'],
      ],
    ]),
    ...recs('wigan', 'hmpps', [
      [
        8,
        'ensure regions and PDUs have the appropriate level of middle management capacity to ' +
          'provide enhanced oversight in recognition of the high volume of professional ' +
          'qualification in probation (PQiP) trainees and newly qualified officers.',
        ['management_oversight', 'staffing'],
      ],
      [
        9,
        'Ensure sufficient resource is in place to provide enhanced management oversight.',
        ['management_oversight', 'staffing'],
      ],
    ]),
  ],
  outcomeMeasures: [
    {
      recommendation: { sourcePduCode: 'manchester-north', number: 1 },
      name: 'Assessment sufficiently focused on keeping other people safe',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 32,
        ...atInspection,
        source:
          'our scores for reviewing to keep other people safe had risen to 42 per cent, albeit ' +
          'from a low baseline of assessment sufficiently focusing on keeping other people safe ' +
          'of 32 per cent.',
      },
    },
    {
      recommendation: { sourcePduCode: 'manchester-north', number: 4 },
      name: 'Pre-release resettlement services sufficient to address ETE needs',
      unit: 'cases',
      direction: 'higher_is_better',
      baseline: {
        value: 5,
        ...atInspection,
        source:
          'On a less positive note, sufficient resettlement services to address education, ' +
          'training, and employment (ETE) needs were delivered in five out of 15 of cases.',
      },
    },
    {
      recommendation: { sourcePduCode: 'manchester-north', number: 5 },
      name: 'Staff sickness: days lost on average per year',
      unit: 'days',
      direction: 'lower_is_better',
      baseline: {
        value: 12.3,
        date: null,
        period: 'Average per year, at inspection (fieldwork February-March 2023)',
        source:
          'Staff shortages were compounded by a high rate of staff sickness (12.3 days lost on ' +
          'average per year)',
      },
    },
    {
      recommendation: { sourcePduCode: 'manchester-north', number: 9 },
      name: 'Probation officer vacancy rate, Manchester North',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 27,
        // The PDU comparison sits under "As of January 2023" and beside the January PSO rates.
        ...jan2023,
        source:
          'There were significant variations in vacancy rates between PDUs, ranging, for ' +
          'example, from a 26 per cent PO vacancy rate in Wigan to 27 per cent in Manchester ' +
          'North and 38 per cent in Tameside.',
      },
    },
    {
      recommendation: { sourcePduCode: 'manchester-north', number: 9 },
      name: 'Probation service officer vacancy rate, Manchester North',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 37,
        ...jan2023,
        source:
          'Similarly, the PSO vacancy rate in January 2023 was 22 per cent in Wigan, 37 per ' +
          'cent in Manchester North, and 5 per cent in Tameside.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 3 },
      name: 'Senior probation officer vacancy rate, Tameside',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 47,
        date: null,
        period: 'At inspection (Tameside fieldwork March 2023)',
        source:
          'Staff shortages, including a senior probation officer vacancy rate of 47 per cent in ' +
          'Tameside PDU, high workloads, and a predominance of inexperienced staff hindered ' +
          'delivery of the intended quality of case management in the inspected PDUs.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 4 },
      name: 'Reviewing sufficiently focused on keeping other people safe',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 42,
        ...atInspection,
        source:
          'our scores for reviewing to keep other people safe had risen to 42 per cent, albeit ' +
          'from a low baseline of assessment sufficiently focusing on keeping other people safe ' +
          'of 32 per cent.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 5 },
      name: 'Assessments analysing protected characteristics and their impact on engagement',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 51,
        ...atInspection,
        source:
          'Aggregate data from the three PDU inspections shows that case assessment analysed an ' +
          "individual's protected characteristics and the impact of these on their ability to " +
          'engage with the sentence in just 51 per cent of cases.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 6 },
      name: 'Probation officer vacancy rate, Tameside',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 38,
        ...jan2023,
        source:
          'There were significant variations in vacancy rates between PDUs, ranging, for ' +
          'example, from a 26 per cent PO vacancy rate in Wigan to 27 per cent in Manchester ' +
          'North and 38 per cent in Tameside.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 8 },
      name: 'Waiting list for Building Better Relationships',
      unit: 'months',
      direction: 'lower_is_better',
      baseline: {
        value: 6,
        ...atInspection,
        source:
          'Waiting lists for accredited programmes had reduced to 16 weeks, other than for ' +
          'Building Better Relationships (BBR), which had a waiting list of up to six months.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 8 },
      name: 'Waiting list for accredited programmes other than Building Better Relationships',
      unit: 'weeks',
      direction: 'lower_is_better',
      baseline: {
        value: 16,
        ...atInspection,
        source:
          'Waiting lists for accredited programmes had reduced to 16 weeks, other than for ' +
          'Building Better Relationships (BBR), which had a waiting list of up to six months.',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 9 },
      name: 'Probation officer vacancy rate, Greater Manchester region',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 24,
        ...jan2023,
        source:
          'As of January 2023, staffing levels were insufficient. The vacancy rate across the ' +
          'Greater Manchester region for probation officers (POs) was 24 per cent',
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 9 },
      name: 'Probation officer workload against target (workload management tool)',
      unit: 'per cent',
      direction: 'lower_is_better',
      baseline: {
        value: 137,
        date: null,
        period: 'At the time of inspection announcement',
        source:
          'At the time of inspection announcement, probation officers across Greater ' +
          'Manchester were working on average at 137 per cent of their target workload on the ' +
          "service's own workload management tool.",
      },
    },
    {
      recommendation: { sourcePduCode: 'tameside', number: 10 },
      name: 'Completion of mandatory training',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 60,
        date: '2023-03-01',
        period: 'March 2023',
        source: 'Overall completion of mandatory training stood at 60 per cent in March 2023',
      },
    },
    {
      recommendation: { sourcePduCode: 'wigan', number: 2 },
      name: 'Staff interested in their work (HMPPS staff survey)',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 75,
        date: null,
        period: 'HMPPS staff survey current at inspection (unchanged since the 2020 survey)',
        source:
          'Seventy-five per cent of staff were interested in their work, which was unchanged ' +
          'since the 2020 survey.',
      },
    },
    {
      recommendation: { sourcePduCode: 'wigan', number: 3 },
      name: 'Staff from black, Asian and minority ethnic groups (22 per cent of the caseload)',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 13,
        ...atInspection,
        source:
          '13 per cent were from black, Asian and minority ethnic groups, compared to 22 per ' +
          'cent of the caseload',
      },
    },
    {
      recommendation: { sourcePduCode: 'wigan', number: 3 },
      name:
        'Staff at senior probation officer grade or above from black, Asian and minority ' +
        'ethnic groups',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 9,
        ...atInspection,
        source:
          'Nine per cent of staff at senior probation officer grade or above are from black, ' +
          'Asian and minority ethnic groups compared to 13 per cent of all staffing.',
      },
    },
    {
      recommendation: { sourcePduCode: 'wigan', number: 5 },
      name: 'Cases where enforcement action was not undertaken when it should have been',
      unit: 'cases',
      direction: 'lower_is_better',
      baseline: {
        value: 27,
        ...atInspection,
        source:
          'Enforcement action was not undertaken in 27 out of 70 cases where it should have been.',
      },
    },
    {
      recommendation: { sourcePduCode: 'wigan', number: 6 },
      name: 'Unpaid work delivery against the pre-pandemic baseline target',
      unit: 'per cent',
      direction: 'higher_is_better',
      baseline: {
        value: 125,
        ...atInspection,
        source:
          'GMPS is currently delivering 125 per cent against the pre-pandemic baseline target, ' +
          'which was the highest rate of any probation region.',
      },
    },
  ],
};
