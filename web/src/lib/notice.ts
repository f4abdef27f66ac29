/** What a page that has just changed something tells the next one to say. */
export interface NoticeState {
  notice?: string;
  /** More to say under the notice, such as the name an uploaded file was saved under. */
  detail?: string;
}
