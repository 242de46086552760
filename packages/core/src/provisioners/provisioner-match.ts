/** Which requests a provisioner serves. Unset criteria match anything; set ones must be equal. */
export interface ProvisionerMatch {
  type: string;
  class?: string;
  /** A shared resource's id. */
  id?: string;
  environmentType?: string;
}
