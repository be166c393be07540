using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Masthead.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Newsletters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ListUnsubscribeUrl",
                table: "Outbox",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NewsletterSendId",
                table: "Outbox",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Newsletters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SendHour = table.Column<int>(type: "integer", nullable: false),
                    SendDay = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SectionIds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Newsletters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Subscribers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LinkKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmationSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NewsletterSends",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NewsletterId = table.Column<int>(type: "integer", nullable: false),
                    UniqueKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IntroMarkdown = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    ArticleIds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LiveUpdateId = table.Column<int>(type: "integer", nullable: true),
                    SentById = table.Column<int>(type: "integer", nullable: true),
                    SentByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    QueuedThrough = table.Column<int>(type: "integer", nullable: false),
                    QueuedCount = table.Column<int>(type: "integer", nullable: false),
                    NextSlotAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterSends", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsletterSends_Newsletters_NewsletterId",
                        column: x => x.NewsletterId,
                        principalTable: "Newsletters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubscriberId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Newsletters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    SubscriberId = table.Column<int>(type: "integer", nullable: false),
                    NewsletterId = table.Column<int>(type: "integer", nullable: false),
                    SubscribedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UnsubscribedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => new { x.SubscriberId, x.NewsletterId });
                    table.ForeignKey(
                        name: "FK_Subscriptions_Newsletters_NewsletterId",
                        column: x => x.NewsletterId,
                        principalTable: "Newsletters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SendDeliveries",
                columns: table => new
                {
                    SendId = table.Column<int>(type: "integer", nullable: false),
                    SubscriberId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendDeliveries", x => new { x.SendId, x.SubscriberId });
                    table.ForeignKey(
                        name: "FK_SendDeliveries_NewsletterSends_SendId",
                        column: x => x.SendId,
                        principalTable: "NewsletterSends",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SendDeliveries_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Newsletters",
                columns: new[] { "Id", "Description", "IsActive", "IsDefault", "Kind", "Name", "Position", "Schedule", "SectionIds", "SendDay", "SendHour", "Slug" },
                values: new object[,]
                {
                    { 1, "The day's most important stories, every morning.", true, true, "Briefing", "The daily briefing", 1, "Daily", "", "Monday", 7, "daily-briefing" },
                    { 2, "The week's best reporting, on Saturday mornings.", true, false, "Briefing", "The weekly digest", 2, "Weekly", "", "Saturday", 8, "weekly-digest" },
                    { 3, "A short email the moment something important happens.", true, true, "Alerts", "Breaking news alerts", 3, "None", "", "Monday", 7, "breaking-news" }
                });

            // The three rows above were given their ids; the identity column's sequence must start after them.
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('\"Newsletters\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Newsletters\"));");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_NewsletterSendId_State",
                table: "Outbox",
                columns: new[] { "NewsletterSendId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SubscriberId_At",
                table: "ConsentRecords",
                columns: new[] { "SubscriberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Newsletters_Slug",
                table: "Newsletters",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_CreatedAt",
                table: "NewsletterSends",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_LiveUpdateId",
                table: "NewsletterSends",
                column: "LiveUpdateId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_NewsletterId",
                table: "NewsletterSends",
                column: "NewsletterId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_State_NotBefore",
                table: "NewsletterSends",
                columns: new[] { "State", "NotBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_UniqueKey",
                table: "NewsletterSends",
                column: "UniqueKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SendDeliveries_SubscriberId",
                table: "SendDeliveries",
                column: "SubscriberId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_ConfirmedAt",
                table: "Subscribers",
                column: "ConfirmedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_CreatedAt",
                table: "Subscribers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_NormalizedEmail",
                table: "Subscribers",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_NewsletterId_UnsubscribedAt_SubscriberId",
                table: "Subscriptions",
                columns: new[] { "NewsletterId", "UnsubscribedAt", "SubscriberId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "SendDeliveries");

            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropTable(
                name: "NewsletterSends");

            migrationBuilder.DropTable(
                name: "Subscribers");

            migrationBuilder.DropTable(
                name: "Newsletters");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_NewsletterSendId_State",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ListUnsubscribeUrl",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NewsletterSendId",
                table: "Outbox");
        }
    }
}
