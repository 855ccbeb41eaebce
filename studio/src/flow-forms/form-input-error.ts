/**
 * Input a form cannot write into the YAML (a shift that ends when it starts, a date that is no
 * date), or YAML the form cannot read: the message says which field and why, in words for the admin.
 */
export class FormInputError extends Error {
  override readonly name = 'FormInputError';
}
