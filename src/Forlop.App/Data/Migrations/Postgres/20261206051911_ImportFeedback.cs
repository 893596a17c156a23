using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_feedback",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sent_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    batch_id = table.Column<long>(type: "bigint", nullable: true),
                    accepted = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    warnings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_feedback", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_feedback_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    feedback_id = table.Column<long>(type: "bigint", nullable: false),
                    severity = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    line = table.Column<int>(type: "integer", nullable: true),
                    record_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    column = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    episode_id = table.Column<long>(type: "bigint", nullable: true),
                    national_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    message = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    message_nb = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_feedback_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_feedback_hf_received_at",
                table: "import_feedback",
                columns: new[] { "hf", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_feedback_source_sent_by_name",
                table: "import_feedback",
                columns: new[] { "source", "sent_by", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_import_feedback_items_feedback_id",
                table: "import_feedback_items",
                column: "feedback_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_feedback");

            migrationBuilder.DropTable(
                name: "import_feedback_items");
        }
    }
}
