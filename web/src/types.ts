// The JSON shapes of the API (proto3 JSON: camelCase, enums by name, Durations as "12.5s").
export interface User {
  userId: string;
  username: string;
  displayName: string;
  bio?: string;
  avatarUrl?: string;
  roles?: string[];
  subscriberCount?: string;
  suspended?: boolean;
}

export type Visibility = 'VISIBILITY_PUBLIC' | 'VISIBILITY_UNLISTED' | 'VISIBILITY_PRIVATE';

export interface Video {
  videoId: string;
  channelId: string;
  title: string;
  description: string;
  tags: string[];
  visibility: Visibility;
  status: string;
  failureReason?: string;
  duration?: string;
  posterUrl?: string;
  publishTime?: string;
  createTime?: string;
  commentsEnabled?: boolean;
}

/** What a list shows of a video, from any of the API's shapes (catalog, search, feeds). */
export interface VideoCardData {
  videoId: string;
  channelId: string;
  title: string;
  posterUrl?: string;
  duration?: string;
  publishTime?: string;
  viewCount?: string;
  snippet?: string;
}

export interface Comment {
  commentId: string;
  videoId: string;
  parentCommentId: string;
  authorId: string;
  authorDisplayName: string;
  text: string;
  createTime: string;
  edited: boolean;
  deleted: boolean;
  upVoteCount: string;
  downVoteCount: string;
  replyCount: string;
  viewerVote: string;
  replyToAuthorDisplayName?: string;
  pinned?: boolean;
}

export interface Notification {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  target: { videoId?: string; commentId?: string; userId?: string };
  createTime: string;
  read: boolean;
}

export interface Report {
  reportId: string;
  videoId: string;
  reporterId: string;
  reason: string;
  details: string;
  state: string;
  createTime: string;
  priority: boolean;
}

export interface AuditEntry {
  auditEntryId: string;
  action: string;
  actorId: string;
  videoId: string;
  userId: string;
  reason: string;
  createTime: string;
  endTime?: string;
}
