package dev.chorus.command.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Size limits of what commands may carry. Exceeding a size limit is a 413; a malformed value a 400.
 *
 * @param maxBodyBytes message body, UTF-8 bytes
 * @param maxMetaBytes message meta, serialized JSON bytes
 * @param maxAttachments attachments per message
 * @param maxAttachmentBytes declared size of one attachment
 * @param maxStorageKeyLength characters of an attachment's storage key
 * @param maxMimeTypeLength characters of an attachment's MIME type
 * @param maxTitleLength characters of a conversation title
 * @param maxGroupMembers members of one group
 * @param maxRequestBytes any HTTP request body (checked before it is parsed)
 */
@ConfigurationProperties("chorus.limits")
public record CommandLimits(
        @DefaultValue("16384") int maxBodyBytes,
        @DefaultValue("8192") int maxMetaBytes,
        @DefaultValue("10") int maxAttachments,
        @DefaultValue("100MB") DataSize maxAttachmentBytes,
        @DefaultValue("1024") int maxStorageKeyLength,
        @DefaultValue("255") int maxMimeTypeLength,
        @DefaultValue("200") int maxTitleLength,
        @DefaultValue("100000") int maxGroupMembers,
        @DefaultValue("4MB") DataSize maxRequestBytes) {

    /** The defaults, for tests. */
    public static CommandLimits defaults() {
        return new CommandLimits(
                16384, 8192, 10, DataSize.ofMegabytes(100), 1024, 255, 200, 100_000, DataSize.ofMegabytes(4));
    }
}
