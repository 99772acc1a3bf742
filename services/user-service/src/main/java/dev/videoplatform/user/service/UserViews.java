package dev.videoplatform.user.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.user.repository.Account;
import dev.videoplatform.user.v1.Role;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserSummary;
import java.time.Instant;
import java.util.List;

/** How an account is shown: the full record, redacted per viewer, as a summary, or in user.updated. */
public final class UserViews {

    private UserViews() {
    }

    /** Everything, email included: cached as is, and redacted per caller on the way out. */
    public static User full(Account a) {
        User.Builder user = User.newBuilder()
                .setUserId(a.id()).setUsername(a.username()).setDisplayName(a.displayName()).setEmail(a.email())
                .setBio(a.bio()).setAvatarUrl(a.avatarUrl()).setSubscriberCount(a.subscriberCount())
                .setCreateTime(timestamp(a.createdAt())).setUpdateTime(timestamp(a.updatedAt()))
                .setSuspended(a.suspended());
        for (String role : a.roles()) {
            user.addRoles(role.equals(Caller.ROLE_ADMIN) ? Role.ROLE_ADMIN : Role.ROLE_USER);
        }
        return user.build();
    }

    /** The email is only for the user themself and admins. */
    public static User forViewer(User user, Caller viewer) {
        return viewer.isSelfOrAdmin(user.getUserId()) ? user : user.toBuilder().clearEmail().build();
    }

    public static UserSummary summary(User user) {
        return UserSummary.newBuilder().setUserId(user.getUserId()).setUsername(user.getUsername())
                .setDisplayName(user.getDisplayName()).setAvatarUrl(user.getAvatarUrl()).build();
    }

    /** The public profile after a change, as user.updated carries it (never the email). */
    public static UserUpdated updated(Account a, List<String> changedFields) {
        return UserUpdated.newBuilder().setUserId(a.id()).setUsername(a.username()).setDisplayName(a.displayName())
                .setAvatarUrl(a.avatarUrl()).setSuspended(a.suspended()).addAllChangedFields(changedFields)
                .setUpdateTime(timestamp(a.updatedAt())).build();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
