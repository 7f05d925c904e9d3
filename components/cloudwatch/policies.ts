/** IAM documents of the alert topic and its KMS key. Pure. */

/** Services that publish to the topic: CloudWatch alarms and EventBridge rules. */
export const PUBLISHERS = ["cloudwatch.amazonaws.com", "events.amazonaws.com"];

/**
 * The key policy: the account administers the key; the publishing services may use it to
 * encrypt messages (SNS calls KMS on their behalf, so without this the topic drops them).
 */
export function alertKeyPolicy(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "PublishersEncrypt",
        Effect: "Allow",
        Principal: { Service: PUBLISHERS },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  };
}

/**
 * The topic policy: the owner account manages it; CloudWatch may publish only for alarms of
 * this account, EventBridge only from our rule (confused-deputy guards); nothing over plain HTTP.
 */
export function alertTopicPolicy(topicArn: string, accountId: string, ruleArn?: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnerManages",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: [
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish",
        ],
        Resource: topicArn,
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
      ...(ruleArn
        ? [
            {
              Sid: "BackupFailuresPublish",
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topicArn,
              Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
            },
          ]
        : []),
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}
