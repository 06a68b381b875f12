/**
 * zod, configured once for the API and the web app: every message is a code of the message catalogue
 * (messages.ts), such as `required` or `date_format`, never zod's generic English ("Invalid input: expected
 * string, received undefined"). Schemas name their own rule's code where the generic one would say less
 * (`.regex(..., 'country_code')`); issuesFromZod turns the codes into issues that the API and the web app word
 * in the reader's language.
 */
import { z } from 'zod';
import { codeOfZodIssue } from './messages.ts';

z.config({ customError: (issue) => codeOfZodIssue(issue) });

export { z };
