package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** notification-service's settings beyond those of every service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationSpec {

    @JsonPropertyDescription("The SMTP server the notification emails go out through. Without it no email is delivered "
            + "(they are retried, then dead-lettered); in-app notifications are unaffected.")
    private SmtpSpec smtp;

    public SmtpSpec getSmtp() {
        return smtp;
    }

    public void setSmtp(SmtpSpec smtp) {
        this.smtp = smtp;
    }
}
